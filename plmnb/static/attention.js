(function(){
var V=2;
if(window.__plmnbAttn&&window.__plmnbAttn.v>=V)return;
var COL=['#1f77b4','#ff7f0e','#2ca02c','#d62728','#9467bd','#8c564b','#e377c2','#7f7f7f','#bcbd22','#17becf',
 '#393b79','#ad494a','#637939','#8c6d31','#843c39','#7b4173'],RH=20,CW=200,B=24,LUT=new Float32Array(256);
for(var q=0;q<256;q++)LUT[q]=q*q/65025;
function el(t,c,p,x){var e=document.createElement(t);if(c)e.className=c;if(x!=null)e.textContent=x;if(p)p.appendChild(e);return e}
function opt(s,v,t){var o=el('option','',s,t);o.value=String(v);return o}
function bytes(s){var b=atob(s),u=new Uint8Array(b.length);for(var i=0;i<b.length;i++)u[i]=b.charCodeAt(i);return u}
function inflate(s){return new Response(new Blob([bytes(s)]).stream().pipeThrough(new DecompressionStream('deflate')))
 .arrayBuffer().then(function(b){return new Uint8Array(b)})}
function esc(s){return String(s).replace(/[&<>"']/g,function(c){return '&#'+c.charCodeAt(0)+';'})}
function mount(root){
 if(!root||root.__plmnb)return;root.__plmnb=1;
 var cfg=JSON.parse(root.querySelector('script[type="application/json"]').textContent);
 if(typeof DecompressionStream==='undefined'){el('div','pa-note',root,'This browser cannot unpack the data (no DecompressionStream), so the static image is shown.');return}
 var jobs=[];cfg.items.forEach(function(it){jobs.push(inflate(it.w).then(function(u){it.W=u}));
  if(it.r)jobs.push(inflate(it.r).then(function(u){it.R=u}))});
 Promise.all(jobs).then(function(){var f=root.querySelector('.pa-fallback');if(f)f.style.display='none';build(root,cfg)},
  function(e){el('div','pa-note',root,'plmnb could not unpack the attention data ('+e+'); the static image stays.')});
}
function val(it,st,h,i,j){var T=it.T,K=it.K;
 if(st.layer==='rollout')return LUT[it.R[i*T+j]];
 if(st.layer==='mean'){var s=0;for(var l=0;l<it.L;l++)s+=LUT[it.W[((l*it.H+h)*T+i)*K+j]];return s/it.L}
 return LUT[it.W[((st.layer*it.H+h)*T+i)*K+j]]}
function series(items,st){var it=items[0],out=[];
 if(st.layer==='rollout'){if(items.length>1)out.push({c:'#1f77b4',f:function(i,j){return val(items[0],st,0,i,j)-val(items[1],st,0,i,j)}},
  {c:'#d62728',f:function(i,j){return val(items[1],st,0,i,j)-val(items[0],st,0,i,j)}});
  else out.push({c:st.fg,f:function(i,j){return val(it,st,0,i,j)}});return out}
 st.heads.forEach(function(h){if(h>=it.H)return;
  if(items.length>1){out.push({c:'#1f77b4',f:function(i,j){return val(items[0],st,h,i,j)-val(items[1],st,h,i,j)}},
   {c:'#d62728',f:function(i,j){return val(items[1],st,h,i,j)-val(items[0],st,h,i,j)}})}
  else out.push({c:COL[h%COL.length],f:function(i,j){return val(it,st,h,i,j)}})});
 return out}
function lines(ctx,items,st,pos,kpos,top,h,w,f){var it=items[0],T=it.T,K=it.K;
 series(items,st).forEach(function(s){var p=[];for(var b=0;b<B;b++)p.push([]);
  for(var i=0;i<T;i++){if(pos[i]<0||(f&&f.s==='L'&&f.i!==i))continue;var yi=pos[i]*RH+RH/2-top;
   for(var j=0;j<K;j++){if(kpos[j]<0||(f&&f.s==='R'&&f.i!==j))continue;var yj=kpos[j]*RH+RH/2-top;
    if((yi<0&&yj<0)||(yi>h&&yj>h))continue;var v=s.f(i,j);if(v<=0||v<st.thr)continue;
    p[Math.min(B-1,Math.floor(v*B))].push(yi,yj)}}
  ctx.strokeStyle=s.c;ctx.lineWidth=2;
  for(var b=0;b<B;b++){var q=p[b];if(!q.length)continue;ctx.globalAlpha=(b+1)/B;ctx.beginPath();
   for(var k=0;k<q.length;k+=2){ctx.moveTo(0,q[k]);ctx.lineTo(w,q[k+1])}ctx.stroke()}});
 ctx.globalAlpha=1}
function headPanel(parent,items,st,title){var it=items[0],T=it.T,K=it.K,P={items:items,pin:null,focus:null,title:title};
 var box=el('div','pa-panel',parent);if(title)el('div','pa-title',box,title);
 var sc=el('div','pa-scroll',box),g=el('div','pa-grid',sc),Lc=el('div','pa-col pa-left',g),mid=el('div','pa-mid',g),
  Rc=el('div','pa-col pa-right',g),Ic=el('div','pa-col pa-imp',g),cv=el('canvas','',mid),ctx=cv.getContext('2d'),
  lt=[],rt=[],bars=[],pos=new Int32Array(T),kpos=new Int32Array(K),mx=it.imp?Math.max.apply(null,it.imp)||1:1;
 function tok(col,i,s){var q=s==='R'&&it.keys,sp=q?it.kspecial[i]:it.special[i],
  d=el('div','pa-tok'+(sp?' pa-special':'')+(!q&&it.seg&&it.seg[i]?' pa-seg1':''),col,q?it.keys[i]:it.tokens[i]);
  d.title=q?it.kraw[i]:it.raw[i];
  d.onmouseenter=function(){if(!P.pin){P.focus={s:s,i:i};P.draw();P.tell(P.focus)}};
  d.onmouseleave=function(){if(!P.pin){P.focus=null;P.draw();P.tell(null)}};
  d.onclick=function(){if(P.pin&&P.pin.s===s&&P.pin.i===i)P.pin=null;else P.pin={s:s,i:i};P.focus=P.pin||{s:s,i:i};P.draw();P.tell(P.focus)};
  return d}
 P.label=function(s,i){return s==='R'&&it.keys?it.keys[i]:it.tokens[i]};
 P.tell=function(){};
 // linked hover: another panel shows the same token (same place if it is there, else the first one that reads the same)
 P.follow=function(f,from){if(P.pin)return;if(!f){P.focus=null;P.draw();return}
  var w=from.label(f.s,f.i),n=f.s==='R'?K:T,j=f.i<n&&P.label(f.s,f.i)===w?f.i:-1;
  for(var k=0;j<0&&k<n;k++)if(P.label(f.s,k)===w)j=k;
  P.focus=j<0?null:{s:f.s,i:j,linked:1};P.draw()};
 for(var i=0;i<T;i++){lt.push(tok(Lc,i,'L'));
  var r=el('div','pa-tok',Ic),sp=el('span','',r);if(it.imp){sp.style.width=Math.round(60*it.imp[i]/mx)+'px';r.title='rollout importance '+it.imp[i]}bars.push(r)}
 for(var j=0;j<K;j++)rt.push(tok(Rc,j,'R'));
 sc.addEventListener('scroll',function(){if(!P.raf)P.raf=requestAnimationFrame(function(){P.raf=0;P.draw()})});
 P.rows=function(){var n=0,m=0;for(var i=0;i<T;i++){var hid=st.hide&&it.special[i];pos[i]=hid?-1:n++;
   lt[i].style.display=bars[i].style.display=hid?'none':''}
  for(var j=0;j<K;j++){var hid=st.hide&&(it.keys?it.kspecial[j]:it.special[j]);kpos[j]=hid?-1:m++;rt[j].style.display=hid?'none':''}
  return Math.max(n,m)};
 P.draw=function(){var n=P.rows(),H=n*RH,f=P.focus;mid.style.height=H+'px';Ic.style.display=st.layer==='rollout'?'':'none';
  var vh=Math.max(1,Math.min(H,sc.clientHeight||H)),top=Math.min(sc.scrollTop,Math.max(0,H-vh)),d=window.devicePixelRatio||1;
  cv.style.width=CW+'px';cv.style.height=vh+'px';if(cv.width!==CW*d||cv.height!==Math.round(vh*d)){cv.width=CW*d;cv.height=Math.round(vh*d)}
  ctx.setTransform(d,0,0,d,0,0);ctx.clearRect(0,0,CW,vh);lines(ctx,items,st,pos,kpos,top,vh,CW,f);
  var cm=it.causal&&!it.keys&&st.layer!=='rollout';
  for(var i=0;i<T;i++){lt[i].classList.toggle('pa-focus',!!(f&&f.s==='L'&&f.i===i));
   lt[i].classList.toggle('pa-masked',!!(cm&&f&&f.s==='R'&&i<f.i))}
  for(var j=0;j<K;j++){rt[j].classList.toggle('pa-focus',!!(f&&f.s==='R'&&f.i===j));
   rt[j].classList.toggle('pa-masked',!!(cm&&f&&f.s==='L'&&j>f.i))}
  P.n=n};
 P.size=function(c){c.font='13px sans-serif';var lw=0,rw=0;for(var i=0;i<T;i++)if(pos[i]>=0)lw=Math.max(lw,c.measureText(it.tokens[i]).width);
  for(var j=0;j<K;j++)if(kpos[j]>=0)rw=Math.max(rw,c.measureText(P.label('R',j)).width);
  return{lw:lw+8,rw:rw+8,w:lw+rw+16+CW,h:P.n*RH+(title?RH:0)}};
 function texts(put,x0,s,y0){for(var i=0;i<T;i++)if(pos[i]>=0)put(it.tokens[i],x0+s.lw-4,y0+pos[i]*RH+RH/2,'end',it.special[i]);
  for(var j=0;j<K;j++)if(kpos[j]>=0)put(P.label('R',j),x0+s.lw+CW+4,y0+kpos[j]*RH+RH/2,'start',it.keys?it.kspecial[j]:it.special[j])}
 P.paint=function(c,x0){var s=P.size(c),y0=title?RH:0;c.fillStyle='#222';c.textBaseline='middle';
  if(title){c.textAlign='left';c.fillText(title,x0,RH/2)}
  texts(function(t,x,y,a,sp){c.fillStyle=sp?'#666':'#222';c.textAlign=a==='end'?'right':'left';c.fillText(t,x,y)},x0,s,y0);
  var fg=st.fg;st.fg='#333';c.save();c.translate(x0+s.lw,y0);lines(c,items,st,pos,kpos,0,P.n*RH,CW,P.focus);c.restore();st.fg=fg;return s.w};
 P.svg=function(x0,c){var s=P.size(c),y0=title?RH:0,o=[];if(title)o.push('<text x="'+x0+'" y="'+(RH/2)+'" dominant-baseline="middle">'+esc(title)+'<\/text>');
  texts(function(t,x,y,a,sp){o.push('<text x="'+x+'" y="'+y+'" text-anchor="'+a+'" dominant-baseline="middle" fill="'+(sp?'#666':'#222')+'">'+esc(t)+'<\/text>')},x0,s,y0);
  var rec={strokeStyle:'',lineWidth:2,globalAlpha:1,beginPath:function(){this.d=[]},moveTo:function(x,y){this.d.push('M'+(x0+s.lw+x)+' '+(y0+y).toFixed(1))},
   lineTo:function(x,y){this.d.push('L'+(x0+s.lw+x)+' '+(y0+y).toFixed(1))},
   stroke:function(){o.push('<path d="'+this.d.join('')+'" stroke="'+this.strokeStyle+'" stroke-opacity="'+this.globalAlpha.toFixed(3)+'" stroke-width="2" fill="none"/>')}};
  var fg=st.fg;st.fg='#333';lines(rec,items,st,pos,kpos,0,P.n*RH,CW,P.focus);st.fg=fg;return{w:s.w,s:o.join('')}};
 return P}
function rgb(s){var m=String(s).match(/[\d.]+/g)||[255,255,255];return[+m[0],+m[1],+m[2],m.length>3?+m[3]:1]}
function backdrop(root){for(var e=root;e&&e.nodeType===1;e=e.parentElement){var c=rgb(getComputedStyle(e).backgroundColor);if(c[3]>0.5)return c}return[255,255,255,1]}
function thumb(c,it,l,h,n,m,bg){var T=it.T,K=it.K,x=c.getContext('2d'),img=x.createImageData(m,n),d=img.data,base=(l*it.H+h)*T*K,
 dark=bg[0]+bg[1]+bg[2]<384,ink=dark?[120,190,255]:[0,40,180];
 for(var y=0;y<n;y++){var i0=Math.floor(y*T/n),i1=Math.max(i0+1,Math.floor((y+1)*T/n));
  for(var z=0;z<m;z++){var j0=Math.floor(z*K/m),j1=Math.max(j0+1,Math.floor((z+1)*K/m)),s=0,k=(y*m+z)*4;d[k+3]=255;
   if(it.causal&&!it.keys&&j0>i1-1){d[k]=d[k+1]=d[k+2]=dark?70:215;continue}
   for(var i=i0;i<i1;i++)for(var j=j0;j<j1;j++)s+=LUT[it.W[base+i*K+j]];
   var v=Math.min(1,Math.sqrt(s/(i1-i0)));for(var q=0;q<3;q++)d[k+q]=Math.round(bg[q]*(1-v)+ink[q]*v)}}
 x.putImageData(img,0,0)}
function download(url,name){var a=document.createElement('a');a.href=url;a.download=name;document.body.appendChild(a);a.click();a.remove()}
function build(root,cfg){var app=el('div','pa-app',root),it=cfg.items[0],o=cfg.opts,panels=[],mode=cfg.mode,
 st={layer:o.layer,heads:o.heads.slice(),thr:o.threshold,hide:o.hide_special,fg:getComputedStyle(root).color||'#333'};
 cfg.items.forEach(function(x){if(!x.K)x.K=x.T});
 if(mode==='gen')return gen(app,it,st,o);
 var L=Math.min.apply(null,cfg.items.map(function(x){return x.L})),H=Math.min.apply(null,cfg.items.map(function(x){return x.H}));
 function redraw(){panels.forEach(function(p){p.draw()});chips.forEach(function(c,h){c.classList.toggle('off',st.heads.indexOf(h)<0)});
  ls.value=String(st.layer);hb.style.display=st.layer==='rollout'?'none':'';if(sel)sel()}  // rollout mixes every head
 var bar=el('div','pa-bar',app),ls=el('select','',el('label','',bar,'layer '));
 for(var l=0;l<L;l++)opt(ls,l,String(l));opt(ls,'mean','mean');if(cfg.items.every(function(x){return x.r}))opt(ls,'rollout','rollout');
 ls.onchange=function(){st.layer=isNaN(+ls.value)?ls.value:+ls.value;redraw()};
 var hb=el('span','pa-heads',bar,'heads '),chips=[];
 for(var h=0;h<H;h++)(function(h){var c=el('span','pa-chip',hb,String(h));c.style.background=COL[h%COL.length];c.title='head '+h+' (double-click: only this one)';
  c.onclick=function(){var k=st.heads.indexOf(h);if(k<0)st.heads.push(h);else st.heads.splice(k,1);redraw()};
  c.ondblclick=function(){st.heads=[h];redraw()};chips.push(c)})(h);
 var all=el('button','pa-btn',hb,'all');all.onclick=function(){st.heads=chips.map(function(c,h){return h});redraw()};
 var th=el('input','',el('label','',bar,'threshold '));th.type='range';th.min=0;th.max=0.5;th.step=0.01;th.value=st.thr;
 var tv=el('span','',bar,String(st.thr));th.oninput=function(){st.thr=+th.value;tv.textContent=th.value;redraw()};
 var hs=el('input','',null);hs.type='checkbox';hs.checked=!!st.hide;var hl=el('label','',bar);hl.appendChild(hs);hl.appendChild(document.createTextNode(' hide special'));
 hs.onchange=function(){st.hide=hs.checked;redraw()};
 var pb=el('button','pa-btn',bar,'PNG'),sb=el('button','pa-btn',bar,'SVG');
 if(mode==='diff')el('div','pa-note',app,'blue: '+cfg.labels[0]+' attends more; red: '+cfg.labels[1]+' attends more');
 if(it.keys)el('div','pa-note',app,'cross-attention: each target token (left) looks at the source tokens (right)');
 else if(it.causal)el('div','pa-note',app,'causal model: a token sees only the tokens before it (hover a token: the ones it cannot see are struck out)');
 var sel=null;
 if(mode==='model'){var mg=el('div','pa-mgrid',app),S=Math.max(22,Math.min(48,Math.floor(620/it.H)-3)),n=Math.min(it.T,S),m=Math.min(it.K,S),th2=[],bg=backdrop(root);
  mg.style.gridTemplateColumns='auto repeat('+it.H+','+S+'px)';el('div','',mg,'');
  for(var h=0;h<it.H;h++)el('div','pa-mh',mg,'H'+h);
  for(var l=0;l<it.L;l++){el('div','pa-mh',mg,'L'+l);for(var h=0;h<it.H;h++)(function(l,h){var c=el('canvas','pa-thumb',mg);
   c.width=m;c.height=n;c.style.width=c.style.height=S+'px';c.title='layer '+l+', head '+h+': click to open below';thumb(c,it,l,h,n,m,bg);
   c.onclick=function(){st.layer=l;st.heads=[h];redraw()};th2.push([l,h,c])})(l,h)}
  sel=function(){th2.forEach(function(t){t[2].classList.toggle('sel',st.layer===t[0]&&st.heads.length===1&&st.heads[0]===t[1])})}}
 var row=el('div','pa-panels',app);
 if(mode==='diff')panels.push(headPanel(row,cfg.items,st,null));
 else cfg.items.forEach(function(x,k){panels.push(headPanel(row,[x],st,cfg.items.length>1?(cfg.labels[k]||x.model):null))});
 if(panels.length>1)panels.forEach(function(p){p.tell=function(f){panels.forEach(function(q){if(q!==p)q.follow(f,p)})}});
 function exportAs(kind){var c=document.createElement('canvas').getContext('2d'),w=0,h=0;
  panels.forEach(function(p){var s=p.size(c);w+=s.w+24;h=Math.max(h,s.h)});
  if(kind==='png'){var cv=document.createElement('canvas'),d=2;cv.width=w*d;cv.height=h*d;var x=cv.getContext('2d');x.scale(d,d);
   x.fillStyle='#fff';x.fillRect(0,0,w,h);x.font='13px sans-serif';var x0=0;panels.forEach(function(p){x0+=p.paint(x,x0)+24});
   download(cv.toDataURL('image/png'),'attention.png')}
  else{var parts=[],x0=0;panels.forEach(function(p){var r=p.svg(x0,c);parts.push(r.s);x0+=r.w+24});
   var svg='<svg xmlns="http://www.w3.org/2000/svg" width="'+w+'" height="'+h+'" font-family="sans-serif" font-size="13"><rect width="100%" height="100%" fill="#fff"/>'+parts.join('')+'<\/svg>';
   download(URL.createObjectURL(new Blob([svg],{type:'image/svg+xml'})),'attention.svg')}}
 pb.onclick=function(){exportAs('png')};sb.onclick=function(){exportAs('svg')};
 root.__plmnbExport=exportAs;redraw()}
function gen(app,it,st,o){var T=it.T,P=it.P,X=!!it.keys,N=X?it.K:T;st.step=Math.min(T-1,Math.max(P,o.step==null?T-1:o.step));st.head='mean';
 var bar=el('div','pa-bar',app),ls=el('select','',el('label','',bar,'layer ')),hs=el('select','',el('label','',bar,'head '));
 for(var l=0;l<it.L;l++)opt(ls,l,String(l));opt(ls,'mean','mean');ls.value=String(st.layer);
 for(var h=0;h<it.H;h++)opt(hs,h,String(h));opt(hs,'mean','mean');hs.value='mean';
 var pv=el('button','pa-btn',bar,'◀'),rg=el('input','',bar),nx=el('button','pa-btn',bar,'▶'),lab=el('span','pa-note',bar);
 rg.type='range';rg.min=P;rg.max=T-1;rg.value=st.step;
 var flow=el('div','pa-flow',app),sp=[],src=X?el('div','pa-flow',app):null,ks=[],top=el('div','pa-note',app);
 for(var i=0;i<T;i++){var s=el('span','pa-g'+(i<P?' pa-prompt':''),flow,it.tokens[i]);s.title=it.raw[i];sp.push(s);flow.appendChild(document.createTextNode(' '))}
 // cross-attention: the source tokens below, shaded by how much the token being written looked at each
 if(X){el('span','pa-note',src,'source: ');for(var j=0;j<N;j++){var k=el('span','pa-g',src,it.keys[j]);k.title=it.kraw[j];ks.push(k);src.appendChild(document.createTextNode(' '))}}
 function draw(){var s=st.step,q=s-1,w=[],mx=0,n=X?N:q+1,hh=st.head==='mean'?null:st.head;
  for(var j=0;j<n;j++){var v=0;for(var h=0;h<it.H;h++){if(hh!==null&&h!==hh)continue;v+=val(it,st,h,q,j)}v/=hh===null?it.H:1;w.push(v);mx=Math.max(mx,v)}
  var shade=function(e,v){e.style.background='rgba(31,119,180,'+(mx?(v/mx*0.85).toFixed(3):0)+')'};
  for(var j=0;j<T;j++){var e=sp[j];e.classList.toggle('pa-future',j>s);e.classList.toggle('pa-focus',j===s);if(X)e.style.background='';else if(j<=q)shade(e,w[j]);else e.style.background=''}
  for(var j=0;j<ks.length;j++)shade(ks[j],w[j]);
  lab.textContent='producing token '+(s-P+1)+' of '+(T-P);
  var order=w.map(function(v,j){return[v,j]}).sort(function(a,b){return b[0]-a[0]}).slice(0,5);
  top.textContent='“'+it.tokens[s]+'” was produced looking most at: '+order.map(function(x){return (X?it.keys:it.tokens)[x[1]]+' '+x[0].toFixed(2)}).join(' · ');
  rg.value=s}
 ls.onchange=function(){st.layer=isNaN(+ls.value)?ls.value:+ls.value;draw()};hs.onchange=function(){st.head=isNaN(+hs.value)?'mean':+hs.value;draw()};
 rg.oninput=function(){st.step=+rg.value;draw()};pv.onclick=function(){st.step=Math.max(P,st.step-1);draw()};
 nx.onclick=function(){st.step=Math.min(T-1,st.step+1);draw()};draw()}
window.__plmnbAttn={v:V,mount:mount};
})();
